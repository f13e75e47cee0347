/** Shown in setup.status and written into exports; bump with package.json. */
export const APP_VERSION = '0.1.0';
