/* Condition variables: a bounded queue, broadcast, a signal nobody waits
 * for, and a timed wait on the clock. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define N 4
static int buf[N], head, count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int started, going, woke;

static void *consumer(void *arg)
{
	long sum = 0;
	for (;;) {
		pthread_mutex_lock(&m);
		while (count == 0)
			pthread_cond_wait(&nonempty, &m);
		int v = buf[head];
		head = (head + 1) % N;
		count--;
		pthread_cond_signal(&nonfull);
		pthread_mutex_unlock(&m);
		if (v == 0)
			return (void *)sum;
		sum += v;
	}
}

static void *sleeper(void *arg)
{
	pthread_mutex_lock(&m);
	started++;
	while (!going)
		pthread_cond_wait(&go, &m);
	woke++;
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t c[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (int i = 1; i <= 1000 + 2; i++) {
		pthread_mutex_lock(&m);
		while (count == N)
			pthread_cond_wait(&nonfull, &m);
		buf[(head + count) % N] = i <= 1000 ? i : 0;
		count++;
		pthread_cond_signal(&nonempty);
		pthread_mutex_unlock(&m);
	}
	long total = 0;
	for (int i = 0; i < 2; i++) {
		void *r;
		pthread_join(c[i], &r);
		total += (long)r;
	}
	printf("consumed %ld\n", total);

	pthread_cond_signal(&go); /* nobody waits: lost */
	pthread_t s[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&s[i], NULL, sleeper, NULL);
	for (;;) {
		pthread_mutex_lock(&m);
		int n = started;
		pthread_mutex_unlock(&m);
		if (n == 3)
			break;
		sched_yield();
	}
	pthread_mutex_lock(&m);
	going = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&m);
	for (int i = 0; i < 3; i++)
		pthread_join(s[i], NULL);
	printf("broadcast woke %d\n", woke);

	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	clockid_t clk;
	pthread_condattr_getclock(&ca, &clk);
	printf("default clock realtime %d\n", clk == CLOCK_REALTIME);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_condattr_getclock(&ca, &clk);
	printf("clock monotonic %d\n", clk == CLOCK_MONOTONIC);
	pthread_cond_t mono;
	pthread_cond_init(&mono, &ca);
	struct timespec t0, ts, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ts = t0;
	ts.tv_nsec += 500000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	int e = pthread_cond_timedwait(&mono, &m, &ts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("timedwait: %s after about %ld00 ms; holds the mutex again: %s\n", strerror(e), ms / 100,
	       strerror(pthread_mutex_trylock(&m)));
	ts.tv_nsec = -1;
	printf("bad time: %s\n", strerror(pthread_cond_timedwait(&mono, &m, &ts)));
	pthread_mutex_unlock(&m);
	return 0;
}
