#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define BUCKETS 16
struct entry { char *key; int val; struct entry *next; };
struct entry *table[BUCKETS];
unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h % BUCKETS; }
void put(const char *k, int v) {
    unsigned h = hash(k);
    for (struct entry *e = table[h]; e; e = e->next) if (!strcmp(e->key, k)) { e->val = v; return; }
    struct entry *e = malloc(sizeof *e);
    e->key = strdup(k); e->val = v; e->next = table[h]; table[h] = e;
}
int get(const char *k, int *v) {
    for (struct entry *e = table[hash(k)]; e; e = e->next) if (!strcmp(e->key, k)) { *v = e->val; return 1; }
    return 0;
}
int main(void) {
    const char *words[] = {"syn", "ack", "fin", "rst", "syn", "psh", "ack", "syn"};
    for (int i = 0; i < 8; i++) { int v = 0; get(words[i], &v); put(words[i], v + 1); }
    const char *q[] = {"syn", "ack", "fin", "urg"};
    for (int i = 0; i < 4; i++) { int v = 0; int f = get(q[i], &v); printf("%s=%d(%d) ", q[i], v, f); }
    printf("\n");
    return 0;
}
