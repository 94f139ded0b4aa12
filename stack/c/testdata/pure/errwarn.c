/* err.h and syslog with LOG_PERROR: the messages on stderr, the exit
   status of errx. */
#include <stdio.h>
#include <errno.h>
#include <err.h>
#include <syslog.h>

int main(void) {
	syslog(LOG_ERR, "not shown: no syslog daemon and no LOG_PERROR");
	openlog("daemon1", LOG_PERROR, LOG_DAEMON);
	syslog(LOG_ERR, "hello %s", "world");
	errno = ECONNREFUSED;
	syslog(LOG_INFO, "connect: %m");
	setlogmask(LOG_UPTO(LOG_ERR));
	syslog(LOG_INFO, "masked");
	syslog(LOG_CRIT, "critical\n");
	closelog();
	openlog(NULL, LOG_PERROR, LOG_USER);
	syslog(LOG_ERR, "default ident");
	printf("errno as %%m: %m\n");
	errno = ENOENT;
	warn("open %s", "config");
	warnx("plain %d", 42);
	errno = EPIPE;
	warn(NULL);
	fflush(stdout);
	errx(3, "giving up after %d tries", 5);
}
