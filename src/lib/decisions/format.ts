// Dates go through the one module (src/lib/rome.ts); kept here so pages import one name.
export { formatDate } from '../rome.js';
