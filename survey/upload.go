package survey

import "time"

// Upload is a file kept in the store between its preview and its confirmation, so that the
// confirming request may reach any instance and the file need not travel through the browser
// again. It lives until ExpiresAt or until it is confirmed.
type Upload struct {
	ID string `json:"id"`
	// Kind says what the file is for, such as "units"; By is who uploaded it. A confirmation
	// checks both, so nobody confirms another's file or a file meant for another page.
	Kind      string    `json:"kind"`
	By        string    `json:"by"`
	Name      string    `json:"name"`
	Data      []byte    `json:"-"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// MaxUpload bounds the file an upload keeps.
const MaxUpload = 64 << 20

// Validate reports whether the upload can be kept.
func (u *Upload) Validate() error {
	if u.Kind == "" || u.By == "" || !u.ExpiresAt.After(u.CreatedAt) {
		return Errorf(EINVALID, "err.upload.record")
	}
	if len(u.Data) > MaxUpload {
		return Errorf(ETOOLARGE, "err.upload.size", MaxUpload>>20)
	}
	return nil
}
