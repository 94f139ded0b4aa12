/* opendir, readdir, rewinddir, dirfd, fdopendir and closedir on a folder
   the program makes: every entry once ("." and ".." too) with its d_type,
   NULL at the end with errno untouched, and the errors of opening what is
   not a folder. The order of entries is the file system's: sorted here. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(DIR *d) {
	char *names[16];
	int n = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)) != NULL && n < 16) {
		char buf[300];
		snprintf(buf, sizeof buf, "%s type %d", e->d_name, e->d_type);
		names[n++] = strdup(buf);
	}
	printf("%d entries, then %s (errno %d)\n", n, e ? "more" : "NULL", errno);
	qsort(names, n, sizeof names[0], cmp);
	for (int i = 0; i < n; i++) {
		printf("  %s\n", names[i]);
		free(names[i]);
	}
}

int main(void) {
	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	close(open("d/file", O_CREAT | O_WRONLY, 0644));
	close(open("d/other.txt", O_CREAT | O_WRONLY, 0644));
	DIR *d = opendir("d");
	printf("opendir d: %s\n", d ? "a stream" : strerror(errno));
	list(d);
	printf("readdir again: %s\n", readdir(d) ? "an entry" : "NULL");
	rewinddir(d);
	list(d);
	struct stat st;
	fstat(dirfd(d), &st);
	printf("dirfd is a folder: %d\n", S_ISDIR(st.st_mode));
	printf("closedir: %d\n", closedir(d));

	errno = 0;
	d = opendir("missing");
	printf("opendir missing: %s, %s\n", d ? "a stream" : "NULL", strerror(errno));
	d = opendir("d/file");
	printf("opendir a file: %s, %s\n", d ? "a stream" : "NULL", strerror(errno));
	int fd = open("d/sub", O_RDONLY | O_DIRECTORY);
	d = fdopendir(fd);
	printf("fdopendir d/sub: %s, dirfd same %d\n", d ? "a stream" : "NULL", d && dirfd(d) == fd);
	list(d);
	closedir(d);
	fd = open("d/file", O_RDONLY);
	d = fdopendir(fd);
	printf("fdopendir a file: %s, %s\n", d ? "a stream" : "NULL", strerror(errno));
	close(fd);
	unlink("d/file");
	unlink("d/other.txt");
	rmdir("d/sub");
	rmdir("d");
	return 0;
}
