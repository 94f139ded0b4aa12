/* getopt and getopt_long as glibc runs them: permutation of non-options,
   "--", clustered flags, missing arguments, opterr, optopt, long options
   with abbreviations, flags and '='. Messages go to stderr. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>

static void show(int argc, char **argv) {
	printf("  argv now:");
	for (int i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("  optind=%d\n", optind);
}

static void run_short(const char *opts, int argc, char **argv) {
	int c;
	optind = 0;
	printf("getopt \"%s\":\n", opts);
	while ((c = getopt(argc, argv, opts)) != -1) {
		if (c == '?' || c == ':')
			printf("  '%c' optopt=%d('%c')\n", c, optopt, optopt);
		else
			printf("  '%c' optarg=%s optind=%d\n", c, optarg ? optarg : "(null)", optind);
	}
	show(argc, argv);
}

static int verbose, brief;

static void run_long(int argc, char **argv) {
	static struct option longopts[] = {
		{"verbose", no_argument, &verbose, 1},
		{"brief", no_argument, &brief, 1},
		{"port", required_argument, NULL, 'p'},
		{"host", required_argument, NULL, 'H'},
		{"help", no_argument, NULL, 'h'},
		{"color", optional_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	int c, idx = -1;
	optind = 0;
	verbose = brief = 0;
	printf("getopt_long:\n");
	while ((c = getopt_long(argc, argv, "p:H:hvc::", longopts, &idx)) != -1) {
		printf("  c=%d('%c') idx=%d optarg=%s optopt=%d\n", c, c > 31 ? c : '.', idx, optarg ? optarg : "(null)", optopt);
		idx = -1;
	}
	printf("  verbose=%d brief=%d\n", verbose, brief);
	show(argc, argv);
}

int main(void) {
	char *a1[] = {"prog", "-v", "host", "-p", "80", "file", "-xq", "--", "-n", NULL};
	run_short("vp:q", 9, a1);
	char *a2[] = {"prog", "-abc", "-pvalue", "-p", NULL};
	run_short("abcp:", 4, a2);
	char *a3[] = {"prog", "-p", NULL};
	run_short(":p:", 2, a3);
	char *a4[] = {"prog", "one", "-a", "two", "-b", "three", NULL};
	run_short("+ab", 6, a4);
	char *a5[] = {"prog", "one", "-a", "two", NULL};
	run_short("-a", 4, a5);
	char *a6[] = {"prog", "-cfoo", "-c", "bar", NULL};
	run_short("c::", 4, a6);
	opterr = 0;
	char *a7[] = {"prog", "-z", "-p", NULL};
	run_short("p:", 3, a7);
	opterr = 1;
	char *l1[] = {"prog", "--verbose", "--port=8080", "--ho", "example", "x", "--bri", "--col", "--color=red", "--help", "--", "--port", NULL};
	run_long(12, l1);
	char *l2[] = {"prog", "--nope", "--port", NULL};
	run_long(3, l2);
	char *l3[] = {"prog", "--help=yes", "--b", NULL};
	run_long(3, l3);
	return 0;
}
