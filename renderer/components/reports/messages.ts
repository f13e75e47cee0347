/** Strings of the shared report frame (buttons, print header, notices); en mirrors zh. */
export const reportFrameZh = {
  print: '打印',
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
  chartLabel: '{{title}}图表，数据见下表',
  empty: '这段时间没有数据',
  printHeader: {
    store: '门店：{{store}}',
    period: '统计期间：{{period}}',
    printedAt: '打印时间：{{at}}',
    printedBy: '打印人：{{by}}',
    page: '第 {{page}} / {{pages}} 页',
  },
  pdfSaved: 'PDF 已保存：{{path}}',
  pager: { previous: '上一页', next: '下一页', close: '收起' },
  /** a paged list's page, in its files' names */
  filePage: '第{{page}}页',
  /** dates from and to, in its files' names */
  fileRange: '{{from}}至{{to}}',
  failed: {
    print: '打印失败，请重试。',
    export: '导出失败，请重试。',
  },
};

export const reportFrameEn: typeof reportFrameZh = {
  print: 'Print',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  chartLabel: 'Chart of {{title}}; the table below holds its data',
  empty: 'No data for this period',
  printHeader: {
    store: 'Store: {{store}}',
    period: 'Period: {{period}}',
    printedAt: 'Printed at: {{at}}',
    printedBy: 'Printed by: {{by}}',
    page: 'Page {{page}} of {{pages}}',
  },
  pdfSaved: 'PDF saved: {{path}}',
  pager: { previous: 'Previous page', next: 'Next page', close: 'Close' },
  filePage: 'page {{page}}',
  fileRange: '{{from}} to {{to}}',
  failed: {
    print: 'Printing failed. Please try again.',
    export: 'The export failed. Please try again.',
  },
};
