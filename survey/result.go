package survey

import "github.com/skm-engine/skm/analytics"

// UnitResult returns a unit's index in the campaign with its 95% interval, as every page, report
// and API answer shows it: from the counted responses (ServiceTally.Counted), flagged ones left out. For one of the unit's
// services (service != "") the interval leaves out the finite-population correction, since the
// population counts the whole unit's users and would overstate the precision of one service.
func (c *Campaign) UnitResult(t *CampaignTally, unit, service string) analytics.Point {
	var counts analytics.Tally
	if t != nil {
		for code, s := range t.Unit(unit).Services {
			if service == "" || code == service {
				counts.Add(s.Counted().Tally)
			}
		}
	}
	population := int64(0)
	if cu, ok := c.Unit(unit); ok && service == "" {
		population = cu.Population
	}
	return analytics.Point{Campaign: c.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, population)}
}
