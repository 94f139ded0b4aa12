/* Files: the calls on paths and descriptors, stdio on files, their errno,
   as Linux gives them to an ordinary user in a directory of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static void show(const char *what, long r) {
	if (r < 0) printf("%s: %ld %s\n", what, r, strerror(errno));
	else printf("%s: %ld\n", what, r);
}

static void showp(const char *what, void *p) {
	if (!p) printf("%s: NULL %s\n", what, strerror(errno));
	else printf("%s: ok\n", what);
}

static void kind(const char *path) {
	struct stat st;
	if (stat(path, &st) < 0) { printf("stat %s: %s\n", path, strerror(errno)); return; }
	printf("stat %s: %s %o size %ld nlink %ld blocks %ld\n", path,
		S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : S_ISCHR(st.st_mode) ? "chr" : S_ISSOCK(st.st_mode) ? "sock" : "other",
		st.st_mode & 07777, (long)st.st_size, (long)st.st_nlink, (long)st.st_blocks);
}

int main(void) {
	setvbuf(stdout, NULL, _IONBF, 0);
	char b[256];
	show("open missing", open("missing", O_RDONLY));
	int fd = open("a.txt", O_WRONLY | O_CREAT | O_TRUNC, 0666);
	show("creat", fd);
	printf("flags %#x\n", fcntl(fd, F_GETFL));
	show("write", write(fd, "hello\nworld\n", 12));
	show("read write-only", read(fd, b, 10));
	show("lseek end", lseek(fd, 0, SEEK_END));
	show("lseek past", lseek(fd, 20, SEEK_SET));
	show("write hole", write(fd, "!", 1));
	show("lseek negative", lseek(fd, -100, SEEK_CUR));
	show("lseek whence", lseek(fd, 0, 7));
	close(fd);
	kind("a.txt");
	fd = open("a.txt", O_RDONLY);
	show("read", read(fd, b, sizeof b));
	printf("hole byte %d, last %c\n", b[15], b[20]);
	show("read at end", read(fd, b, sizeof b));
	show("write read-only", write(fd, "x", 1));
	show("open excl", open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0600));
	show("append", fd = open("a.txt", O_WRONLY | O_APPEND));
	lseek(fd, 0, SEEK_SET);
	write(fd, "END", 3);
	close(fd);
	kind("a.txt");
	show("open dir for writing", open(".", O_WRONLY));
	show("open dir", fd = open(".", O_RDONLY));
	show("read dir", read(fd, b, 10));
	close(fd);
	show("O_DIRECTORY on a file", open("a.txt", O_RDONLY | O_DIRECTORY));
	show("file as a directory", open("a.txt/x", O_RDONLY));
	show("create with a slash", open("new/", O_CREAT | O_WRONLY, 0644));
	show("mkdir", mkdir("d", 0777));
	show("mkdir again", mkdir("d", 0777));
	show("mkdir in missing", mkdir("x/y", 0777));
	kind("d");
	show("rmdir file", rmdir("a.txt"));
	show("unlink dir", unlink("d"));
	show("rename into dir", rename("a.txt", "d/b.txt"));
	kind("a.txt");
	kind("d/b.txt");
	show("rmdir not empty", rmdir("d"));
	show("rename dir into itself", rename("d", "d/e"));
	show("rename file over dir", rename("d/b.txt", "d"));
	show("chdir", chdir("d"));
	kind("b.txt");
	kind("../d/./b.txt");
	show("chdir file", chdir("b.txt"));
	show("chdir missing", chdir("nope"));
	show("chdir up", chdir(".."));
	show("access", access("d/b.txt", R_OK | W_OK));
	show("access missing", access("nope", F_OK));
	show("access exec", access("d/b.txt", X_OK));
	show("chmod-less read-only", fd = open("ro.txt", O_CREAT | O_WRONLY, 0444));
	close(fd);
	show("open read-only for writing", open("ro.txt", O_WRONLY));
	show("access write", access("ro.txt", W_OK));
	kind("ro.txt");
	mode_t old = umask(077);
	printf("umask was %o\n", old);
	close(open("private", O_CREAT | O_WRONLY, 0666));
	kind("private");
	umask(old);
	show("unlink", unlink("private"));
	show("unlink again", unlink("private"));
	/* an unlinked file lives while it is open */
	fd = open("tmp.txt", O_CREAT | O_RDWR | O_TRUNC, 0600);
	write(fd, "still here", 10);
	unlink("tmp.txt");
	lseek(fd, 0, SEEK_SET);
	show("read an unlinked file", read(fd, b, sizeof b));
	struct stat st;
	fstat(fd, &st);
	printf("fstat nlink %ld size %ld\n", (long)st.st_nlink, (long)st.st_size);
	show("ftruncate", ftruncate(fd, 3));
	fstat(fd, &st);
	printf("size %ld\n", (long)st.st_size);
	close(fd);
	show("root", open("/newfile", O_CREAT | O_WRONLY, 0644));
	kind("/dev/null");
	fd = open("/dev/null", O_RDWR);
	show("write null", write(fd, "x", 1));
	show("read null", read(fd, b, 10));
	fd = open("/dev/zero", O_RDONLY);
	b[0] = 1;
	show("read zero", read(fd, b, 10));
	printf("zero %d\n", b[0] + b[9]);
	char name[] = "/tmp/testXXXXXX";
	fd = mkstemp(name);
	printf("mkstemp %d %s\n", fd >= 0, strncmp(name, "/tmp/test", 9) == 0 && strcmp(name + 9, "XXXXXX") != 0 ? "named" : name);
	fstat(fd, &st);
	printf("mode %o\n", st.st_mode & 0777);
	char bad[] = "/tmp/xx";
	show("mkstemp bad", mkstemp(bad));

	/* stdio on files */
	FILE *f = fopen("s.txt", "w");
	showp("fopen w", f);
	fprintf(f, "line %d\n", 1);
	fputs("line 2\n", f);
	fwrite("abc", 1, 3, f);
	printf("ftell %ld\n", ftell(f));
	kind("s.txt");           /* nothing written yet: stdio buffers */
	show("fflush", fflush(f));
	kind("s.txt");
	show("fclose", fclose(f));
	showp("fopen missing", fopen("missing", "r"));
	showp("fopen bad mode", fopen("s.txt", "z"));
	f = fopen("s.txt", "r");
	while (fgets(b, sizeof b, f))
		printf("got [%s]\n", b);
	printf("feof %d ferror %d\n", feof(f), ferror(f));
	rewind(f);
	printf("feof %d, getc %c\n", feof(f), getc(f));
	fseek(f, -3, SEEK_END);
	printf("after fseek %c, ftell %ld\n", fgetc(f), ftell(f));
	ungetc('Z', f);
	printf("ungetc %c\n", fgetc(f));
	int x;
	rewind(f);
	printf("fscanf %d", fscanf(f, "line %d", &x));
	printf(" x %d\n", x);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	rewind(f);
	while ((n = getline(&line, &cap, f)) != -1)
		printf("getline %ld [%s]\n", (long)n, line);
	free(line);
	printf("fileno %d\n", fileno(f) > 2);
	fputs("x", f);
	printf("write to a read stream: ferror %d\n", ferror(f));
	fclose(f);
	f = fopen("s.txt", "a+");
	fputs("tail\n", f);
	fseek(f, 0, SEEK_SET);
	fgets(b, sizeof b, f);
	printf("a+ reads from the start: %s", b);
	fclose(f);
	f = fopen("s.txt", "r+");
	fputs("LINE", f);
	fclose(f);
	f = fopen("s.txt", "r");
	n = fread(b, 1, sizeof b, f);
	b[n] = 0;
	printf("fread %ld:\n%s", (long)n, b);
	fclose(f);
	showp("fopen x", fopen("s.txt", "wx"));
	f = tmpfile();
	showp("tmpfile", f);
	fputs("temp", f);
	rewind(f);
	printf("tmpfile %s\n", fgets(b, sizeof b, f));
	fclose(f);
	show("remove", remove("s.txt"));
	show("remove dir", remove("d/b.txt") + remove("d"));
	kind("d");
	return 0;
}
