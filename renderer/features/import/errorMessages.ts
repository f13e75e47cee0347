/**
 * The import's refusals, spread into `errors` and `rules` (renderer/i18n): a file refused whole
 * (IMPORT_BAD_FILE, one sentence per reason of shared/import/file-refusals.ts, with the row or
 * column it names), an import in the wrong state, and a mapping the preview cannot read under.
 * en mirrors zhCN.
 */
export const importErrorsZh = {
  IMPORT_BAD_FILE_empty: '文件是空的，没有可以读取的内容。',
  IMPORT_BAD_FILE_too_large: '文件超过 {{maxMegabytes}} MB，无法导入：请分成几个文件。',
  IMPORT_BAD_FILE_other_spreadsheet: '这是 {{format}} 格式的表格，不能直接读取：请在 Excel 或 WPS 中「另存为」.xlsx 或 CSV 后再选择。',
  IMPORT_BAD_FILE_encrypted: '这个工作簿设置了打开密码：请另存一份不带密码的再选择。',
  IMPORT_BAD_FILE_binary: '这不是表格或 CSV 文件（是 {{format}} 文件）。',
  IMPORT_BAD_FILE_binary_unknown: '这不是表格或 CSV 文件。',
  IMPORT_BAD_FILE_damaged: '这个 Excel 文件已损坏或不完整：请重新导出或另存后再选择。',
  IMPORT_BAD_FILE_no_sheet: '工作簿里没有名为「{{sheet}}」的工作表。',
  IMPORT_BAD_FILE_no_sheet_none: '工作簿里没有工作表。',
  IMPORT_BAD_FILE_header_only: '文件只有表头（第 {{headerRow}} 行），下面没有数据。',
  IMPORT_BAD_FILE_empty_header: '{{column}} 列没有表头：请给每一列写上标题。',
  IMPORT_BAD_FILE_duplicate_header: '{{column}} 列和 {{otherColumn}} 列的表头都是「{{header}}」：请改成不同的名字。',
  IMPORT_BAD_FILE_too_many_columns: '第 {{row}} 行有 {{columns}} 列，超过 {{max}} 列：这不像会员或消费记录的表格。',
  IMPORT_BAD_FILE_broken_quotes: '第 {{row}} 行的引号没有正确关闭：请在 Excel 中打开检查后重新另存。',
  IMPORT_BAD_FILE_row_too_long: '第 {{row}} 行太长，可能少了引号或换行：请在 Excel 中打开检查后重新另存。',
  IMPORT_BAD_FILE_mixed_encodings:
    '从第 {{row}} 行起混有另一种文字编码（文件其余部分是 {{encoding}}）：请在 Excel 中打开后重新另存为 CSV。',
  CONFLICT_nothing_to_import: '文件中没有可以导入的行：每一行都无效或被跳过。',
  CONFLICT_import_state: '这次导入的状态已经变了（可能在另一个窗口中操作过），请刷新后再看。',
};

export const importErrorsEn: typeof importErrorsZh = {
  IMPORT_BAD_FILE_empty: 'The file is empty: there is nothing to read.',
  IMPORT_BAD_FILE_too_large: 'The file is larger than {{maxMegabytes}} MB and cannot be imported: split it into several files.',
  IMPORT_BAD_FILE_other_spreadsheet:
    'This is a {{format}} spreadsheet, which cannot be read: use Save As in Excel or WPS to save it as .xlsx or CSV, then choose it again.',
  IMPORT_BAD_FILE_encrypted: 'The workbook has a password to open it: save a copy without one and choose that.',
  IMPORT_BAD_FILE_binary: 'This is not a spreadsheet or a CSV file (it is a {{format}} file).',
  IMPORT_BAD_FILE_binary_unknown: 'This is not a spreadsheet or a CSV file.',
  IMPORT_BAD_FILE_damaged: 'This Excel file is damaged or incomplete: export or save it again, then choose it again.',
  IMPORT_BAD_FILE_no_sheet: 'The workbook has no worksheet named “{{sheet}}”.',
  IMPORT_BAD_FILE_no_sheet_none: 'The workbook has no worksheet.',
  IMPORT_BAD_FILE_header_only: 'The file has a header (row {{headerRow}}) and no data under it.',
  IMPORT_BAD_FILE_empty_header: 'Column {{column}} has no header: give every column a title.',
  IMPORT_BAD_FILE_duplicate_header: 'Columns {{column}} and {{otherColumn}} are both headed “{{header}}”: give them different names.',
  IMPORT_BAD_FILE_too_many_columns:
    'Row {{row}} has {{columns}} columns, more than {{max}}: this does not look like a table of members or sales.',
  IMPORT_BAD_FILE_broken_quotes: 'A quote in row {{row}} is not closed properly: open the file in Excel, check it and save it again.',
  IMPORT_BAD_FILE_row_too_long:
    'Row {{row}} is too long, perhaps a quote or a line break is missing: open the file in Excel, check it and save it again.',
  IMPORT_BAD_FILE_mixed_encodings:
    'From row {{row}} the file holds text in another encoding (the rest is {{encoding}}): open it in Excel and save it as CSV again.',
  CONFLICT_nothing_to_import: 'The file has no row to import: every row is invalid or skipped.',
  CONFLICT_import_state: 'This import has moved on (perhaps in another window): reload to see where it stands.',
};

/** A mapping's problems (services/import/preview.ts checkMapping): `field` is given translated. */
export const importRulesZh = {
  field_unmapped: '「{{field}}」必须对应文件中的一列',
  field_twice: '「{{field}}」只能对应一列',
  field_unknown: '「{{field}}」不是这类导入的字段',
  mapping_columns: '对应关系与文件的 {{columns}} 列不符：请重新选择文件',
  choice_not_allowed: '这一对不能这样处理',
};

export const importRulesEn: typeof importRulesZh = {
  field_unmapped: '“{{field}}” must be given a column of the file',
  field_twice: '“{{field}}” can be given one column only',
  field_unknown: '“{{field}}” is not a field of this kind of import',
  mapping_columns: 'The mapping does not fit the file’s {{columns}} columns: choose the file again',
  choice_not_allowed: 'This pair cannot be handled that way',
};
