// Registered (with highlight.classic.js and content.js) for the sites the reader chose in
// the options: highlight the page as soon as it is idle.
globalThis.SurligneurContent?.highlight().catch(() => {});
