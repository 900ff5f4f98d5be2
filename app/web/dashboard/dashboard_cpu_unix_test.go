//go:build unix

package dashboard

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used, in user and system mode: on a shared
// machine a benchmark's wall time also counts other programs' work, its CPU time does not.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
