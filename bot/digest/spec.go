package digest

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// MinEvery is the shortest "@every" interval accepted: a digest more often
// than this is spam, not a digest.
const MinEvery = time.Minute

// descriptors are the named schedules accepted besides "@every <d>".
var descriptors = map[string]bool{
	"@yearly": true, "@annually": true, "@monthly": true, "@weekly": true,
	"@daily": true, "@midnight": true, "@hourly": true,
}

// ParseSpec checks a schedule and parses it. It accepts standard
// five-field cron specs ("30 8 * * 1-5": minute, hour, day of month,
// month, day of week), the descriptors @yearly, @annually, @monthly,
// @weekly, @daily, @midnight and @hourly, and "@every <duration>" of at
// least MinEvery. It refuses TZ= and CRON_TZ= prefixes (robfig/cron v3.0.1
// can panic on them; the scheduler's location sets the time zone) and
// schedules that never fire (such as 30 February). The checks run before
// cron sees the spec, and a panic in cron's parser is turned into an error.
func ParseSpec(spec string) (sched cron.Schedule, err error) {
	s := strings.TrimSpace(spec)
	upper := strings.ToUpper(s)
	switch {
	case s == "":
		return nil, fmt.Errorf("schedule is empty; write a cron spec such as \"0 8 * * *\" or @daily")
	case strings.HasPrefix(upper, "TZ=") || strings.HasPrefix(upper, "CRON_TZ="):
		return nil, fmt.Errorf("schedule %q: a TZ= or CRON_TZ= prefix is not supported; set the digest time zone in the configuration instead", spec)
	case strings.HasPrefix(s, "@every"):
		arg := strings.TrimSpace(strings.TrimPrefix(s, "@every"))
		d, err := time.ParseDuration(arg)
		if err != nil || arg == "" {
			return nil, fmt.Errorf("schedule %q: %q is not a duration (write e.g. @every 6h)", spec, arg)
		}
		if d < MinEvery {
			return nil, fmt.Errorf("schedule %q: digests can run at most every %s", spec, MinEvery)
		}
		return cron.Every(d), nil
	case strings.HasPrefix(s, "@"):
		if !descriptors[strings.ToLower(s)] {
			return nil, fmt.Errorf("schedule %q: unknown descriptor; use @hourly, @daily, @weekly, @monthly, @yearly or @every <duration>", spec)
		}
		s = strings.ToLower(s)
	default:
		if n := len(strings.Fields(s)); n != 5 {
			return nil, fmt.Errorf("schedule %q: %d fields, want 5 (minute hour day-of-month month day-of-week)", spec, n)
		}
	}
	defer func() {
		if p := recover(); p != nil {
			sched, err = nil, fmt.Errorf("schedule %q: not a valid cron spec (%v)", spec, p)
		}
	}()
	sched, err = cron.ParseStandard(s)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	// Two leap cycles and a bit: anything valid fires within that.
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if sched.Next(from).IsZero() {
		return nil, fmt.Errorf("schedule %q never fires (no such date)", spec)
	}
	return sched, nil
}
