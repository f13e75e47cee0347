import { describe, expect, it } from 'vitest';
import { barcodeModules, QUIET_ZONE_MODULES } from '../../renderer/features/members/card/barcode';
import { LABEL_MM, LABELS_PER_SHEET, labelsFrom } from '../../renderer/features/members/card/CardSheets';
import { sheetPrintCss } from '../../renderer/features/members/card/sheetPrint';
import { readCode128 } from './code128';

// The member card's barcode and paper, checked without a browser (the e2e prints them).

describe('the card number barcode', () => {
  it.each(['SH0100000001', 'HQ0000000123', 'BJ0200004567', 'AB1234567', 'SH01000000012', 'X9'])(
    'reads back as %s, checksum and stop pattern included',
    (cardNo) => {
      const modules = barcodeModules(cardNo);
      expect(readCode128(modules)).toBe(cardNo);
      // Whole symbols of 11 modules and the 13-module stop: nothing trailing a scanner would choke on.
      expect((modules.length - 13) % 11).toBe(0);
      expect(modules.startsWith('1')).toBe(true);
      expect(modules.endsWith('11')).toBe(true);
    },
  );

  it("packs a card number's digit run two to a symbol (code set C), so it fits a card at a readable module size", () => {
    // SH + 10 digits: start, S, H, switch to C, five digit pairs, checksum, stop.
    expect(barcodeModules('SH0100000001')).toHaveLength(11 * 10 + 13);
    // With the quiet zones, about half a millimetre a module across the card's 75.6 mm of bars.
    const moduleMm = 75.6 / (11 * 10 + 13 + 2 * QUIET_ZONE_MODULES);
    expect(moduleMm).toBeGreaterThan(0.5);
  });

  it('a reader catches a damaged symbol (the test reader is not a rubber stamp)', () => {
    const modules = barcodeModules('SH0100000001');
    const flipped = modules.slice(0, 30) + (modules[30] === '1' ? '0' : '1') + modules.slice(31);
    expect(() => readCode128(flipped)).toThrow();
  });
});

describe('the paper', () => {
  it('prints the card on a CR80 page and the labels on A4, without margins', () => {
    expect(sheetPrintCss('card')).toContain('@page { size: 85.6mm 54mm; margin: 0; }');
    expect(sheetPrintCss('labels')).toContain('@page { size: 210mm 297mm; margin: 0; }');
    // In print only the sheet shows; on screen the sheet's own copy is hidden.
    expect(sheetPrintCss('card')).toMatch(/@media print \{[\s\S]*body > :not\(\.bd-sheet-print\) \{ display: none !important; \}/);
    expect(sheetPrintCss('card')).toMatch(/^\.bd-sheet-print \{ display: none; \}/);
  });

  it('lays 24 labels of 70 × 37 mm on an A4 sheet, leaving the used ones blank', () => {
    expect(LABELS_PER_SHEET).toBe(24);
    expect(LABEL_MM).toEqual({ width: 70, height: 37 });
    expect([3 * LABEL_MM.width, 8 * LABEL_MM.height]).toEqual([210, 296]);
    expect(labelsFrom(1).every(Boolean)).toBe(true);
    const from4 = labelsFrom(4);
    expect(from4.slice(0, 3)).toEqual([false, false, false]);
    expect(from4.filter(Boolean)).toHaveLength(21);
    expect(labelsFrom(24).filter(Boolean)).toHaveLength(1);
  });
});
