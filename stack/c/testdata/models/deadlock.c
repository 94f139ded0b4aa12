#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *one(void *arg) {
	pthread_mutex_lock(&a);
	usleep(1000);
	pthread_mutex_lock(&b);
	puts("one has both");
	return NULL;
}

void *two(void *arg) {
	pthread_mutex_lock(&b);
	usleep(1000);
	pthread_mutex_lock(&a);
	puts("two has both");
	return NULL;
}

int main(void) {
	pthread_t t1, t2;
	pthread_create(&t1, NULL, one, NULL);
	pthread_create(&t2, NULL, two, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	puts("done");
	return 0;
}
