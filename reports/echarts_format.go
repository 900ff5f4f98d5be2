package reports

import (
	"strings"
)

// webTip joins tooltip lines. Tooltips are drawn as ECharts rich text, where braces start a style
// name, so braces in names are replaced.
func webTip(lines ...string) string {
	s := strings.Join(lines, "\n")
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}
