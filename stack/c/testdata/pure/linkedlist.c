#include <stdio.h>
#include <stdlib.h>
struct node { int v; struct node *next; };
struct node *push(struct node *h, int v) { struct node *n = malloc(sizeof *n); n->v = v; n->next = h; return n; }
struct node *reverse(struct node *h) {
    struct node *prev = NULL;
    while (h) { struct node *nx = h->next; h->next = prev; prev = h; h = nx; }
    return prev;
}
int main(void) {
    struct node *h = NULL;
    for (int i = 1; i <= 5; i++) h = push(h, i * 10);
    h = reverse(h);
    for (struct node *n = h; n; n = n->next) printf("%d ", n->v);
    printf("\n");
    while (h) { struct node *n = h->next; free(h); h = n; }
    return 0;
}
