package admin

// Internals the external tests use.

var ReadUnitSheet = readUnitSheet
