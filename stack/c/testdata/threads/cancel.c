/* pthread_cancel: deferred cancellation ends a thread at a cancellation
   point (blocked in sleep, read, pthread_cond_wait, pthread_join, or at
   pthread_testcancel), running its cleanup handlers and thread-specific
   destructors; pthread_join then gives PTHREAD_CANCELED. A thread that
   disabled cancellation runs on until it enables it again. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static pthread_key_t key;
static int fds[2];

static void cleanup(void *arg) { printf("cleanup: %s\n", (const char *)arg); }
static void unlock(void *arg) {
	printf("cleanup: unlock the mutex, held %s\n", pthread_mutex_trylock(&m) == 0 ? "by nobody" : "by the thread");
	pthread_mutex_unlock((pthread_mutex_t *)arg);
}
static void destructor(void *v) { printf("destructor: %s\n", (const char *)v); }

static void *sleeper(void *arg) {
	pthread_cleanup_push(cleanup, "sleeper");
	pthread_setspecific(key, "sleeper's value");
	sleep(100);
	printf("not reached\n");
	pthread_cleanup_pop(0);
	return arg;
}

static void *reader(void *arg) {
	char b;
	pthread_cleanup_push(cleanup, "reader");
	read(fds[0], &b, 1);
	printf("not reached\n");
	pthread_cleanup_pop(0);
	return arg;
}

static void *waiter(void *arg) {
	pthread_mutex_lock(&m);
	pthread_cleanup_push(unlock, &m);
	for (;;)
		pthread_cond_wait(&c, &m);
	pthread_cleanup_pop(1);
	return arg;
}

static void *stubborn(void *arg) {
	int old;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	sleep(2);
	printf("stubborn: slept through the cancel (state was %d)\n", old);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	printf("stubborn: enabled again (state was %d)\n", old);
	pthread_testcancel();
	printf("not reached\n");
	return arg;
}

static void *joiner(void *arg) {
	pthread_cleanup_push(cleanup, "joiner");
	pthread_join(*(pthread_t *)arg, NULL);
	printf("not reached\n");
	pthread_cleanup_pop(0);
	return NULL;
}

static void *quick(void *arg) { return arg; }

/* report joins t and says how it ended and what pthread_cancel returned
   (printed only now: the canceled thread's output comes first). */
static void report(const char *name, pthread_t t, int canceled) {
	void *res;
	int r = pthread_join(t, &res);
	printf("%s: cancel %d, join %d, %s\n", name, canceled, r, res == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "returned");
}

int main(void) {
	pthread_key_create(&key, destructor);
	pipe(fds);
	pthread_t t[5];
	void *(*fn[5])(void *) = {sleeper, reader, waiter, stubborn, quick};
	const char *names[5] = {"sleeper", "reader", "waiter", "stubborn", "quick"};
	for (int i = 0; i < 5; i++)
		pthread_create(&t[i], NULL, fn[i], NULL);
	sleep(1); /* every thread is blocked, quick has ended */
	int r[5];
	for (int i = 0; i < 5; i++) {
		r[i] = pthread_cancel(t[i]);
		if (i != 3)
			report(names[i], t[i], r[i]);
	}
	report("stubborn", t[3], r[3]);

	pthread_t sleeping, joining;
	pthread_create(&sleeping, NULL, sleeper, NULL);
	pthread_create(&joining, NULL, joiner, &sleeping);
	sleep(1);
	report("joiner", joining, pthread_cancel(joining));
	report("sleeper", sleeping, pthread_cancel(sleeping));
	pthread_mutex_lock(&m);
	printf("main holds the mutex\n");
	pthread_mutex_unlock(&m);
	printf("setcancelstate 5: %d, setcanceltype 5: %d\n", pthread_setcancelstate(5, NULL), pthread_setcanceltype(5, NULL));
	return 0;
}
