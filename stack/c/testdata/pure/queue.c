#include <stdio.h>
#include <stdlib.h>
typedef struct { int *data; int head, tail, cap, len; } queue;
void q_init(queue *q, int cap) { q->data = malloc(cap * sizeof(int)); q->head = q->tail = q->len = 0; q->cap = cap; }
int q_push(queue *q, int v) { if (q->len == q->cap) return -1; q->data[q->tail] = v; q->tail = (q->tail + 1) % q->cap; q->len++; return 0; }
int q_pop(queue *q, int *v) { if (!q->len) return -1; *v = q->data[q->head]; q->head = (q->head + 1) % q->cap; q->len--; return 0; }
int main(void) {
    queue q;
    q_init(&q, 4);
    for (int i = 0; i < 6; i++) printf("%d ", q_push(&q, i));
    printf("\n");
    int v;
    while (q_pop(&q, &v) == 0) printf("%d ", v);
    printf("\n");
    free(q.data);
    return 0;
}
