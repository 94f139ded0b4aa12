/* Symbolic links in the file system: symlink, readlink (no NUL, cut to
 * the buffer), lstat against stat, dangling links, O_CREAT through a link,
 * O_EXCL and O_NOFOLLOW, loops and the 40-link limit, links to
 * directories, relative and absolute targets, unlink and rename of a
 * link; hard links (link). Compared with gcc on Linux (TestSymlinksAsLinux). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int r) {
	if (r < 0)
		printf("%s = %d %s\n", what, r, strerror(errno));
	else
		printf("%s = %d\n", what, r);
}

static void kind(const char *path) {
	struct stat st, lst;
	int s = stat(path, &st), l = lstat(path, &lst);
	printf("%s: stat ", path);
	if (s < 0)
		printf("%s", strerror(errno));
	else
		printf("%s size %ld", S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other",
		       S_ISDIR(st.st_mode) ? 0L : (long)st.st_size);
	printf(", lstat ");
	if (l < 0)
		printf("%s\n", strerror(errno));
	else if (S_ISLNK(lst.st_mode))
		printf("link %o size %ld\n", lst.st_mode & 07777, (long)lst.st_size);
	else
		printf("%s\n", S_ISDIR(lst.st_mode) ? "dir" : "file");
}

static void readl(const char *path, size_t size) {
	char buf[64];
	memset(buf, 'X', sizeof buf);
	ssize_t n = readlink(path, buf, size);
	if (n < 0)
		printf("readlink(%s, %zu) = -1 %s\n", path, size, strerror(errno));
	else
		printf("readlink(%s, %zu) = %zd \"%.*s\" then '%c'\n", path, size, n, (int)n, buf, buf[n]);
}

int main(void) {
	show("symlink target.txt l1", symlink("target.txt", "l1"));
	readl("l1", 64);
	readl("l1", 3);
	readl("l1", 0);
	readl("nothing", 64);
	kind("l1");
	show("open l1 O_RDONLY", open("l1", O_RDONLY));
	int fd = open("l1", O_WRONLY | O_CREAT, 0644);
	show("open l1 O_CREAT", fd < 0 ? fd : 0);
	show("write", (int)write(fd, "hi", 2));
	close(fd);
	kind("l1");
	kind("target.txt");
	readl("target.txt", 64);
	show("open l1 O_CREAT|O_EXCL", open("l1", O_WRONLY | O_CREAT | O_EXCL, 0644));
	show("open l1 O_NOFOLLOW", open("l1", O_RDONLY | O_NOFOLLOW));
	show("open target.txt O_NOFOLLOW", open("target.txt", O_RDONLY | O_NOFOLLOW) < 0 ? -1 : 0);
	show("symlink x l1", symlink("x", "l1"));
	show("symlink \"\" empty", symlink("", "empty"));
	show("access l1", access("l1", R_OK));

	show("symlink loop2 loop1", symlink("loop2", "loop1"));
	show("symlink loop1 loop2", symlink("loop1", "loop2"));
	kind("loop1");
	show("open loop1", open("loop1", O_RDONLY));
	show("open loop1 O_CREAT", open("loop1", O_WRONLY | O_CREAT, 0644));
	show("symlink self self", symlink("self", "self"));
	kind("self");

	/* A chain: c0 -> target.txt, cN -> c(N-1). */
	char name[16], prev[16];
	show("symlink target.txt c0", symlink("target.txt", "c0"));
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof name, "c%d", i);
		snprintf(prev, sizeof prev, "c%d", i - 1);
		symlink(prev, name);
	}
	kind("c39");
	kind("c40");
	kind("c41");

	show("mkdir d", mkdir("d", 0755));
	show("symlink d dl", symlink("d", "dl"));
	kind("dl");
	kind("dl/");
	fd = open("dl/f", O_WRONLY | O_CREAT, 0644);
	show("open dl/f O_CREAT", fd < 0 ? fd : 0);
	close(fd);
	kind("d/f");
	show("chdir dl", chdir("dl"));
	char cwd[4096];
	if (getcwd(cwd, sizeof cwd))
		printf("cwd ends in %s\n", strrchr(cwd, '/'));
	kind("../target.txt");
	show("chdir ..", chdir(".."));
	show("rmdir dl", rmdir("dl"));
	show("unlink dl/", unlink("dl/"));
	show("mkdir sub", mkdir("sub", 0755));
	show("symlink ../target.txt sub/up", symlink("../target.txt", "sub/up"));
	kind("sub/up");
	show("symlink target.txt sub/down", symlink("target.txt", "sub/down"));
	kind("sub/down");
	if (getcwd(cwd, sizeof cwd)) {
		strcat(cwd, "/target.txt");
		show("symlink <cwd>/target.txt abs", symlink(cwd, "abs"));
		struct stat st;
		show("stat abs", stat("abs", &st));
		printf("abs: a file of %ld bytes\n", (long)st.st_size);
	}
	show("mkdir dl/x (through the link)", mkdir("dl/x", 0755));
	kind("d/x");
	show("mkdir l1", mkdir("l1", 0755));
	show("rename dl dl2", rename("dl", "dl2"));
	readl("dl2", 64);
	kind("dl2/f");
	show("unlink l1", unlink("l1"));
	kind("l1");
	kind("target.txt");
	show("unlink dangling", (symlink("gone", "dangling"), unlink("dangling")));
	kind("dangling");

	/* Hard links: one file, two names; the bytes outlive the first. */
	struct stat hs;
	show("link target.txt hard", link("target.txt", "hard"));
	stat("target.txt", &hs);
	printf("target.txt: %ld links\n", (long)hs.st_nlink);
	show("link target.txt hard again", link("target.txt", "hard"));
	show("link nothing x", link("nothing", "x"));
	show("link d dh", link("d", "dh"));
	show("link sub/down hl (a link, not followed)", link("sub/down", "hl"));
	kind("hl");
	readl("hl", 64);
	show("unlink target.txt", unlink("target.txt"));
	kind("hard");
	stat("hard", &hs);
	printf("hard: %ld links\n", (long)hs.st_nlink);
	return 0;
}
