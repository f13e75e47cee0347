/** 打印会员卡: the member card (CR80) and the sheet of card-number labels, from the member page. */
export const memberCardZh = {
  action: '打印会员卡',
  title: '打印会员卡：{{name}}',
  kind: '打印内容',
  kinds: { card: '会员卡', labels: '条码标签' },
  cardHelp: '标准卡片尺寸 85.6 × 54 毫米（与银行卡相同），可用卡片打印机打在空白卡上，或打在纸上剪下。',
  labelsHelp: 'A4 不干胶标签纸，每页 {{columns}} × {{rows}} 个（每个 {{width}} × {{height}} 毫米），印卡号条码，可贴在旧卡或会员本上。',
  firstLabel: '从第几个标签开始',
  firstLabelHelp: '用过的标签纸：跳过已撕掉的，共打印 {{count}} 个',
  firstLabelInvalid: '请输入 1 到 {{max}} 之间的整数',
  memberCard: '会员卡',
  print: '打印',
  pdfSaved: 'PDF 已保存：{{path}}',
  printFailed: '没有打印成功，请重试。',
};

export const memberCardEn: typeof memberCardZh = {
  action: 'Print member card',
  title: 'Print member card: {{name}}',
  kind: 'What to print',
  kinds: { card: 'Member card', labels: 'Barcode labels' },
  cardHelp: "Standard card size, 85.6 × 54 mm (a bank card's): print on a blank card in a card printer, or on paper and cut it out.",
  labelsHelp:
    "An A4 sheet of sticky labels, {{columns}} × {{rows}} per page ({{width}} × {{height}} mm each), each with the card number's barcode, to stick on an old card or a member booklet.",
  firstLabel: 'Start at label',
  firstLabelHelp: 'On a used sheet, skip the labels already taken: {{count}} labels print',
  firstLabelInvalid: 'Enter a whole number from 1 to {{max}}',
  memberCard: 'Member card',
  print: 'Print',
  pdfSaved: 'PDF saved: {{path}}',
  printFailed: 'Printing did not work. Please try again.',
};
