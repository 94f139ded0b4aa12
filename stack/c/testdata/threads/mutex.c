/* Mutex kinds and their errors, as glibc gives them. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *hold(void *arg)
{
	(void)arg;
	printf("trylock held elsewhere: %s\n", strerror(pthread_mutex_trylock(&held)));
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 1;
	printf("timedlock: %s\n", strerror(pthread_mutex_timedlock(&held, &ts)));
	ts.tv_nsec = 2000000000;
	printf("timedlock bad time: %s\n", strerror(pthread_mutex_timedlock(&held, &ts)));
	printf("unlock someone else's errorcheck mutex... skipped; normal unlock ok\n");
	return NULL;
}

static void *add(void *arg)
{
	pthread_mutex_t *m = arg;
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(m);
		long v = counter;
		if (i % 1000 == 0)
			sched_yield();
		counter = v + 1;
		pthread_mutex_unlock(m);
	}
	return NULL;
}

static const char *kind(int k)
{
	return k == PTHREAD_MUTEX_NORMAL ? "normal" : k == PTHREAD_MUTEX_RECURSIVE ? "recursive" : k == PTHREAD_MUTEX_ERRORCHECK ? "errorcheck" : "?";
}

int main(void)
{
	pthread_mutexattr_t at;
	pthread_mutexattr_init(&at);
	int k;
	pthread_mutexattr_gettype(&at, &k);
	printf("default kind %s\n", kind(k));
	printf("bad kind: %s\n", strerror(pthread_mutexattr_settype(&at, 42)));

	pthread_mutexattr_settype(&at, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutexattr_gettype(&at, &k);
	pthread_mutex_t ec;
	pthread_mutex_init(&ec, &at);
	printf("%s: unlock unlocked %s\n", kind(k), strerror(pthread_mutex_unlock(&ec)));
	printf("%s: lock %s\n", kind(k), strerror(pthread_mutex_lock(&ec)));
	printf("%s: lock again %s\n", kind(k), strerror(pthread_mutex_lock(&ec)));
	printf("%s: trylock %s\n", kind(k), strerror(pthread_mutex_trylock(&ec)));
	printf("%s: destroy locked %s\n", kind(k), strerror(pthread_mutex_destroy(&ec)));
	printf("%s: unlock %s\n", kind(k), strerror(pthread_mutex_unlock(&ec)));
	printf("%s: destroy %s\n", kind(k), strerror(pthread_mutex_destroy(&ec)));

	pthread_mutexattr_settype(&at, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutexattr_gettype(&at, &k);
	pthread_mutex_t rec;
	pthread_mutex_init(&rec, &at);
	int r1 = pthread_mutex_lock(&rec);
	int r2 = pthread_mutex_lock(&rec);
	int r3 = pthread_mutex_trylock(&rec);
	int u1 = pthread_mutex_unlock(&rec);
	int u2 = pthread_mutex_unlock(&rec);
	int u3 = pthread_mutex_unlock(&rec);
	int u4 = pthread_mutex_unlock(&rec);
	printf("%s: lock %d %d %d unlock %d %d %d %s\n", kind(k), r1, r2, r3, u1, u2, u3, strerror(u4));

	pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER;
	printf("normal: trylock %s, trylock again %s, unlock %s\n", strerror(pthread_mutex_trylock(&normal)),
	       strerror(pthread_mutex_trylock(&normal)), strerror(pthread_mutex_unlock(&normal)));
	pthread_mutexattr_destroy(&at);

	pthread_mutex_lock(&held);
	pthread_t t;
	pthread_create(&t, NULL, hold, NULL);
	pthread_join(t, NULL);
	pthread_mutex_unlock(&held);

	pthread_t adders[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&adders[i], NULL, add, &held);
	for (int i = 0; i < 3; i++)
		pthread_join(adders[i], NULL);
	printf("counter %ld\n", counter);
	return 0;
}
