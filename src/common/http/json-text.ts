/** What Express's res.json() sends, for a route that answers JSON it already has as text. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
