/** The web pages' session: the access token in an HttpOnly cookie (the API itself takes bearer tokens only). */
export const SESSION_COOKIE = 'duthao_token';
/** Before sign-in, a random value the login form's CSRF token is bound to. */
export const PRESESSION_COOKIE = 'duthao_pre';
/** Set by a successful login (page or API): the accounts this browser has signed in to (domain/device-cookie.ts). */
export const DEVICE_COOKIE = 'duthao_device';
export const LANG_COOKIE = 'duthao_lang';
export const FLASH_COOKIE = 'duthao_flash';
