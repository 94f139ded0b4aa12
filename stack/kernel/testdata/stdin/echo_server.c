/* echo_server echoes one connection on port 7000. */
#include "port7000.h"
int main(void) {
	int c = accept_one();
	char buf[256]; int n;
	while ((n = read(c, buf, sizeof buf)) > 0) write(c, buf, n);
	close(c);
	return 0;
}
