/* chmod and fchmod on the host's file system, as user 1000: the mode
   stat reads back, access and open checking it, EPERM on a file of
   root's, ENOENT, and a directory whose write bit is gone. */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static void report(const char *what, long r) {
	printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static void mode(const char *path) {
	struct stat st;
	if (stat(path, &st) == 0)
		printf("%s: mode %o\n", path, (unsigned)st.st_mode);
}

int main(void) {
	umask(022);
	int fd = open("f", O_CREAT | O_WRONLY | O_TRUNC, 0666);
	write(fd, "abc", 3);
	mode("f");
	report("chmod 0600", chmod("f", 0600));
	mode("f");
	report("fchmod 0640", fchmod(fd, 0640));
	mode("f");
	close(fd);
	report("chmod 04755", chmod("f", 04755));
	mode("f");
	report("chmod 0", chmod("f", 0));
	mode("f");
	report("access R_OK", access("f", R_OK));
	report("open for reading", open("f", O_RDONLY));
	report("chmod 0644", chmod("f", 0644));
	report("open for reading", open("f", O_RDONLY));
	report("chmod missing", chmod("missing", 0644));
	report("chmod /", chmod("/", 0777));
	report("fchmod bad fd", fchmod(99, 0644));
	report("mkdir d", mkdir("d", 0755));
	report("chmod d 0555", chmod("d", 0555));
	mode("d");
	report("create in d", open("d/g", O_CREAT | O_WRONLY, 0644));
	report("chmod d 0755", chmod("d", 0755));
	report("create in d", open("d/g", O_CREAT | O_WRONLY, 0644));
	unlink("d/g");
	rmdir("d");
	unlink("f");
	return 0;
}
