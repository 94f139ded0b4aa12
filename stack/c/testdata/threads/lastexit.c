/* main ends with pthread_exit: the process lives on until its last
 * thread ends, then exits with status 0 (atexit handlers run, stdout is
 * flushed); a worker's exit(3) ends everything. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler\n"); }

static void *late(void *arg)
{
	usleep(20000);
	printf("worker, after main is gone");
	return NULL;
}

int main(void)
{
	atexit(bye);
	setvbuf(stdout, NULL, _IOFBF, 0);
	pthread_t t;
	pthread_create(&t, NULL, late, NULL);
	printf("main leaves\n");
	pthread_exit(NULL);
}
