import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  pdfFooterTemplate,
  pdfHeaderTemplate,
  pdfOptions,
  safeFileStem,
  sheetPdfOptions,
  withPdfExtension,
} from '../../electron/print-template';
import { PrintSheetToPdfInput, PrintToPdfInput, type PrintToPdfRequest } from '../../shared/print-pdf';

const request: PrintToPdfRequest = {
  fileStem: 'rfm-2025-01',
  header: {
    title: 'RFM 分群',
    store: '门店：上海一店',
    period: '统计期间：2025年1月',
    printedAt: '打印时间：2025/02/03 14:05',
    printedBy: '打印人：王店长',
  },
  pageLabel: '第 {{page}} / {{pages}} 页',
};

describe('PDF header and footer templates', () => {
  it('puts title, store, period, printed at and by into the header', () => {
    const html = pdfHeaderTemplate(PrintToPdfInput.parse(request).header);
    for (const text of ['RFM 分群', '门店：上海一店', '统计期间：2025年1月', '打印时间：2025/02/03 14:05 · 打印人：王店长'])
      expect(html).toContain(text);
    // Chromium's header has no default font size worth reading: the template sets its own.
    expect(html).toMatch(/font-size:8pt/);
  });

  it('escapes what staff typed (store and staff names) so it cannot inject markup', () => {
    const html = pdfHeaderTemplate({ ...request.header, store: '<img src=x onerror=alert(1)>', printedBy: `"王" & '李'` });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&#34;王&#34; &#38; &#39;李&#39;');
    expect(escapeHtml('a<b>&"\'')).toBe('a&#60;b&#62;&#38;&#34;&#39;');
  });

  it('leaves out empty lines (a report without a period)', () => {
    const html = pdfHeaderTemplate({ ...request.header, period: '', printedBy: '' });
    expect(html).not.toContain('统计期间');
    expect(html).toContain('打印时间：2025/02/03 14:05</div>');
  });

  it("numbers the pages with Chromium's pageNumber and totalPages", () => {
    const html = pdfFooterTemplate('第 {{page}} / {{pages}} 页');
    expect(html).toContain('第 <span class="pageNumber"></span> / <span class="totalPages"></span> 页');
    expect(pdfFooterTemplate('Page {{page}} of {{pages}}')).toContain(
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
  });

  it('prints A4 with header and footer, margins in inches, portrait unless asked', () => {
    const options = pdfOptions(PrintToPdfInput.parse(request));
    expect(options).toMatchObject({ pageSize: 'A4', landscape: false, displayHeaderFooter: true, printBackground: true });
    expect(options.margins.left).toBeCloseTo(12 / 25.4);
    expect(options.margins.top).toBeGreaterThan(options.margins.bottom);
    expect(pdfOptions(PrintToPdfInput.parse({ ...request, landscape: true })).landscape).toBe(true);
  });
});

describe('print request validation', () => {
  it('refuses unknown fields, missing lines and oversized text', () => {
    expect(PrintToPdfInput.safeParse(request).success).toBe(true);
    expect(PrintToPdfInput.safeParse({ ...request, url: 'https://example.com' }).success).toBe(false);
    expect(PrintToPdfInput.safeParse({ ...request, header: { ...request.header, script: 'x' } }).success).toBe(false);
    expect(PrintToPdfInput.safeParse({ ...request, header: { title: 'x' } }).success).toBe(false);
    expect(PrintToPdfInput.safeParse({ ...request, fileStem: '' }).success).toBe(false);
    expect(PrintToPdfInput.safeParse({ ...request, pageLabel: 'x'.repeat(101) }).success).toBe(false);
    expect(PrintToPdfInput.safeParse(null).success).toBe(false);
  });
});

describe('PDF file names', () => {
  it('keeps Chinese and strips path separators and characters Windows refuses', () => {
    expect(safeFileStem('RFM 分群 2025-01')).toBe('RFM 分群 2025-01');
    expect(safeFileStem('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileStem('a:b*c?"d"<e>|f\\g')).toBe('a_b_c__d__e__f_g');
    expect(safeFileStem(' .. ')).toBe('report');
    expect(safeFileStem('CON')).toBe('_CON');
    expect(safeFileStem('x'.repeat(300))).toHaveLength(120);
  });

  it('adds .pdf when the save dialog did not', () => {
    expect(withPdfExtension('/home/a/报表')).toBe('/home/a/报表.pdf');
    expect(withPdfExtension('C:\\报表.PDF')).toBe('C:\\报表.PDF');
  });
});

describe('printing a member card or a label sheet', () => {
  it('makes the page the paper: CR80 for the card, A4 for labels, no margins, header or footer', () => {
    const card = sheetPdfOptions('card');
    expect(card.pageSize.width * 25.4).toBeCloseTo(85.6);
    expect(card.pageSize.height * 25.4).toBeCloseTo(54);
    expect(card).toMatchObject({
      landscape: false,
      displayHeaderFooter: false,
      printBackground: true,
      preferCSSPageSize: true,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    });
    const labels = sheetPdfOptions('labels');
    expect([labels.pageSize.width * 25.4, labels.pageSize.height * 25.4].map(Math.round)).toEqual([210, 297]);
  });

  it('takes a file name and a known sheet only', () => {
    expect(PrintSheetToPdfInput.safeParse({ fileStem: '会员卡 SH0100000001', sheet: 'card' }).success).toBe(true);
    expect(PrintSheetToPdfInput.safeParse({ fileStem: 'x', sheet: 'poster' }).success).toBe(false);
    expect(PrintSheetToPdfInput.safeParse({ fileStem: 'x', sheet: 'card', url: 'https://example.com' }).success).toBe(false);
    expect(PrintSheetToPdfInput.safeParse({ fileStem: '', sheet: 'card' }).success).toBe(false);
  });
});
