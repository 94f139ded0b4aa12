/* The address of a compound literal is the address of an object (the
 * front end gave &(int){5} the value 5, as if it were a constant). */
#include <stdio.h>
#include <string.h>

struct point {
	int x, y;
};

static int deref(const int *p) { return *p; }

static int sum(const struct point *p) { return p->x + p->y; }

int main(void)
{
	int *p = &(int){5};
	void *v = (void *)&(int){8};
	unsigned len = *&(unsigned){sizeof(int)};
	struct point *pt = &(struct point){3, 4};
	int *arr = (int[]){10, 20, 30};

	*p += 1;
	printf("%d %d %d %u\n", *p, deref(&(int){7}), *(int *)v, len);
	printf("%d %d %d\n", sum(pt), sum(&(struct point){.y = 2}), arr[2]);
	printf("%d\n", (&(int){42}) != NULL);
	printf("%zu\n", strlen((char[]){'h', 'i', 0}));
	return 0;
}
