// The resident survey's service worker; filled in with the survey page.
