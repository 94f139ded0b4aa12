/* Create, join, detach, self, equal, exit and errno, each thread its own. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_barrier_t gate;

static void deeper(long v) { pthread_exit((void *)(v * 2)); }

static void *work(void *arg)
{
	long v = (long)arg;
	errno = 100 + (int)v;
	if (v == 3)
		deeper(v);
	return (void *)(long)errno;
}

static void *waiter(void *arg)
{
	pthread_barrier_wait(&gate);
	return arg;
}

static void *identity(void *arg)
{
	pthread_t *main_thread = arg;
	printf("in thread: equal to main %d, to itself %d, tid is pid %d\n",
	       pthread_equal(*main_thread, pthread_self()) != 0,
	       pthread_equal(pthread_self(), pthread_self()) != 0, gettid() == getpid());
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	errno = 7;
	for (long i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, work, (void *)i) != 0)
			return 1;
	for (int i = 0; i < 4; i++) {
		void *r;
		int e = pthread_join(t[i], &r);
		printf("join %d: %s, returned %ld\n", i, strerror(e), (long)r);
	}
	printf("main's errno is still %d\n", errno);

	pthread_t self = pthread_self(), id;
	pthread_create(&id, NULL, identity, &self);
	pthread_join(id, NULL);
	printf("main: tid is pid %d\n", gettid() == getpid());
	printf("join itself: %s\n", strerror(pthread_join(self, NULL)));

	pthread_barrier_init(&gate, NULL, 2);
	pthread_t w;
	pthread_create(&w, NULL, waiter, NULL);
	printf("detach: %s\n", strerror(pthread_detach(w)));
	printf("detach again: %s\n", strerror(pthread_detach(w)));
	printf("join detached: %s\n", strerror(pthread_join(w, NULL)));
	pthread_barrier_wait(&gate);

	pthread_attr_t a;
	pthread_attr_init(&a);
	int ds;
	pthread_attr_getdetachstate(&a, &ds);
	printf("default detach state %d\n", ds);
	printf("bad detach state: %s\n", strerror(pthread_attr_setdetachstate(&a, 7)));
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&a, &ds);
	printf("detach state %d\n", ds);
	size_t ss;
	printf("tiny stack: %s\n", strerror(pthread_attr_setstacksize(&a, 1024)));
	pthread_attr_setstacksize(&a, 1 << 17);
	pthread_attr_getstacksize(&a, &ss);
	printf("stack size %zu\n", ss);
	int scope;
	printf("process scope: %s\n", strerror(pthread_attr_setscope(&a, PTHREAD_SCOPE_PROCESS)));
	pthread_attr_getscope(&a, &scope);
	printf("scope %d\n", scope);
	printf("create detached: %s\n", strerror(pthread_create(&w, &a, work, (void *)9)));
	pthread_attr_destroy(&a);
	usleep(1000);
	return 0;
}
