package account

// Internals the external tests use.

const SigninAccountLimit = signinAccountLimit

const SigninClientLimit = signinClientLimit

var SigninDelay = signinDelay

const SigninMaxSlowdown = signinMaxSlowdown

const SigninWindow = signinWindow

var SafeNext = safeNext
