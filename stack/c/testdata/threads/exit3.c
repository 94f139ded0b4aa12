/* exit in a worker ends every thread at once with its status. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *quit(void *arg)
{
	usleep(1000);
	printf("worker calls exit(3)\n");
	exit(3);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *forever(void *arg)
{
	pthread_mutex_lock(&m);
	for (;;)
		pthread_cond_wait(&never, &m);
	return NULL;
}

int main(void)
{
	pthread_t t, u;
	pthread_create(&u, NULL, forever, NULL);
	pthread_create(&t, NULL, quit, NULL);
	pthread_join(u, NULL);
	printf("never\n");
	return 0;
}
