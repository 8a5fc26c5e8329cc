// The public register is a set of documents: plain HTML with GET forms and links, no client-side
// app to download and hydrate (smaller, cacheable pages; works without JavaScript).
export const csr = false;
