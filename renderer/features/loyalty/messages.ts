/** Strings of the manager's loyalty page (points rules, tiers, shortfalls); en mirrors zhCN. */
export const loyaltyZh = {
  title: '积分与等级',
};

export const loyaltyEn: typeof loyaltyZh = {
  title: 'Points & tiers',
};
