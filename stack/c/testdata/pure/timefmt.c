/* Calendar time on a UTC system: gmtime, localtime, asctime, ctime,
   strftime, mktime's normalization, timegm. */
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(void) {
	time_t ts[] = {0, 86399, 951782400, 1234567890, 1700000000, 2147483647, 4102444800L};
	for (int i = 0; i < 7; i++) {
		struct tm *g = gmtime(&ts[i]);
		printf("%ld: %s", (long)ts[i], asctime(g));
		printf("  ctime %s", ctime(&ts[i]));
		printf("  %d-%d-%d %d:%d:%d wday %d yday %d dst %d zone %s off %ld\n", g->tm_year, g->tm_mon, g->tm_mday, g->tm_hour, g->tm_min, g->tm_sec, g->tm_wday, g->tm_yday, g->tm_isdst, g->tm_zone, g->tm_gmtoff);
		struct tm l;
		localtime_r(&ts[i], &l);
		char b[256];
		size_t n = strftime(b, sizeof b, "%a %A %b %B %c|%C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n%p %P %r %R %s %S %t%T %u %U %V %w %W %x %X %y %Y %z %Z %%", &l);
		printf("  strftime %zu: %s\n", n, b);
		n = strftime(b, sizeof b, "[%-d] [%_m] [%05Y] [%^a] [%-j] [%e]", &l);
		printf("  flags %zu: %s\n", n, b);
	}
	struct tm t;
	memset(&t, 0, sizeof t);
	t.tm_year = 100;
	t.tm_mon = 13;
	t.tm_mday = 40;
	t.tm_hour = -5;
	t.tm_min = 70;
	t.tm_isdst = -1;
	time_t m = mktime(&t);
	printf("mktime %ld -> %d-%d-%d %d:%d wday %d yday %d isdst %d\n", (long)m, t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_wday, t.tm_yday, t.tm_isdst);
	t.tm_mday = 0;
	printf("timegm %ld\n", (long)timegm(&t));
	char small[8];
	printf("too small: %zu\n", strftime(small, sizeof small, "%Y-%m-%d", gmtime(&ts[3])));
	printf("tzname %s %s daylight %d timezone %ld\n", tzname[0], tzname[1], daylight, timezone);
	char rb[32];
	printf("ctime_r %s", ctime_r(&ts[4], rb));
	return 0;
}
