#include <stdio.h>
#include <string.h>
#include <stdlib.h>
int main(void) {
    char buf[64];
    strcpy(buf, "hello");
    strcat(buf, ", world");
    printf("%s %zu\n", buf, strlen(buf));
    printf("%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strncmp("abcdef", "abcxyz", 3));
    printf("%s\n", strchr(buf, 'w'));
    printf("%s\n", strrchr(buf, 'o'));
    printf("%s\n", strstr(buf, "lo, "));
    char *d = strdup(buf);
    d[0] = 'J';
    printf("%s %s\n", d, buf);
    free(d);
    char tok[] = "a,b,,c;d";
    for (char *t = strtok(tok, ",;"); t; t = strtok(NULL, ",;")) printf("[%s]", t);
    printf("\n");
    char n[10];
    strncpy(n, "abcdefghijkl", 5);
    n[5] = 0;
    printf("%s\n", n);
    printf("%zu %zu\n", strspn("aaabc", "a"), strcspn("hello", "l"));
    printf("%d\n", memcmp("abc", "abd", 3) < 0);
    char m[8] = {0};
    memcpy(m, "xyz", 3);
    memmove(m + 1, m, 3);
    printf("%s\n", m);
    printf("%d %d\n", strcasecmp("HeLLo", "hello"), strncasecmp("ABx", "aby", 2));
    return 0;
}
