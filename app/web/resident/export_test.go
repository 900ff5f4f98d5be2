package resident

// Internals the external tests use.

var DoneCookie = doneCookie

const HoneypotField = honeypotField

var NewSubmissionKey = newSubmissionKey

const TrackMisses = trackMisses

const TrackWindow = trackWindow

const BurstFlagged = burstFlagged

const BurstRefused = burstRefused
