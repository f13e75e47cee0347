/** 品类列表: the manager's list on the settings page, and the category picker of a sale. */
export const categoriesZh = {
  title: '品类列表',
  help: '前台记录消费时从这个列表选品类，「按品类」报表就不会把「服装」和「衣服」算成两类。删掉一个品类不会改动已记录的消费。',
  items: '品类',
  itemsHelp: '输入品类后按 Enter 添加，点 × 删除',
  save: '保存品类列表',
  saved: '品类列表已保存',
  notListed: '不在品类列表中，将按输入记录',
  add: '添加「{{name}}」到品类列表',
  added: '「{{name}}」已加入品类列表',
  clear: '清除',
};

export const categoriesEn: typeof categoriesZh = {
  title: 'Sale categories',
  help: 'The counter picks a sale\'s category from this list, so the by-category report does not count "Clothes" and "Clothing" as two. Removing a category changes no sale already recorded.',
  items: 'Categories',
  itemsHelp: 'Type a category and press Enter to add it; × removes one',
  save: 'Save categories',
  saved: 'Categories saved',
  notListed: 'Not on the category list: recorded as typed',
  add: 'Add "{{name}}" to the category list',
  added: '"{{name}}" is now on the category list',
  clear: 'Clear',
};
