/* pthread_once, thread-specific data and its destructors, read-write
 * locks and a barrier. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t name_key, count_key;
static int inits;

static void init(void) { inits++; }

static void drop_name(void *p)
{
	printf("destructor: %s\n", (char *)p);
	free(p);
}

static void drop_count(void *p)
{
	long n = (long)p;
	printf("count destructor %ld\n", n);
	if (n < 3) /* set again: destructors run once more */
		pthread_setspecific(count_key, (void *)(n + 1));
}

static void *work(void *arg)
{
	pthread_once(&once, init);
	char *s = malloc(32);
	snprintf(s, 32, "thread %ld", (long)arg);
	pthread_setspecific(name_key, s);
	pthread_setspecific(count_key, (void *)1L);
	printf("%s has key %d\n", (char *)pthread_getspecific(name_key), pthread_getspecific(name_key) == s);
	return NULL;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t bar;
static int serial;

static void *reader(void *arg)
{
	pthread_rwlock_rdlock(&rw);
	if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
		serial++;
	pthread_rwlock_unlock(&rw);
	return NULL;
}

int main(void)
{
	pthread_key_create(&name_key, drop_name);
	pthread_key_create(&count_key, drop_count);
	for (long i = 1; i <= 2; i++) {
		pthread_t t;
		pthread_create(&t, NULL, work, (void *)i);
		pthread_join(t, NULL);
	}
	printf("once ran %d time(s); main's key %p\n", inits, pthread_getspecific(name_key));
	pthread_key_t k;
	pthread_key_create(&k, NULL);
	pthread_setspecific(k, "x");
	pthread_key_delete(k);
	printf("set deleted key: %s\n", strerror(pthread_setspecific(k, "y")));
	printf("delete again: %s\n", strerror(pthread_key_delete(k)));

	printf("rdlock %d\n", pthread_rwlock_rdlock(&rw));
	printf("tryrdlock %d\n", pthread_rwlock_tryrdlock(&rw));
	printf("trywrlock %s\n", strerror(pthread_rwlock_trywrlock(&rw)));
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_unlock(&rw);
	printf("wrlock %d\n", pthread_rwlock_wrlock(&rw));
	printf("wrlock again %s\n", strerror(pthread_rwlock_wrlock(&rw)));
	printf("rdlock %s\n", strerror(pthread_rwlock_rdlock(&rw)));
	printf("tryrdlock %s\n", strerror(pthread_rwlock_tryrdlock(&rw)));
	printf("trywrlock %s\n", strerror(pthread_rwlock_trywrlock(&rw)));
	pthread_rwlock_unlock(&rw);
	pthread_barrier_init(&bar, NULL, 4);
	pthread_t r[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&r[i], NULL, reader, NULL);
	if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
		serial++;
	for (int i = 0; i < 3; i++)
		pthread_join(r[i], NULL);
	printf("4 readers held the lock at once; serial threads %d\n", serial);
	printf("barrier of 0: %s\n", strerror(pthread_barrier_init(&bar, NULL, 0)));
	return 0;
}
