package apptest

import "sync"

// AtOnce runs request n times at once, as a flood of clients does, and counts the statuses the
// runs returned.
func AtOnce(n int, request func() int) map[int]int {
	statuses := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			status := request()
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return statuses
}
