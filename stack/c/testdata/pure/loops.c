#include <stdio.h>
int main(void) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 3) continue;
        if (i == 8) break;
        sum += i;
    }
    printf("for %d\n", sum);
    int n = 0;
    while (n < 100) n = n * 2 + 1;
    printf("while %d\n", n);
    int k = 10;
    do { k -= 3; } while (k > 0);
    printf("do %d\n", k);
    int count = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            if (j > i) break;
            count++;
        }
    printf("nested %d\n", count);
    int i;
    for (i = 0, sum = 0; i < 5; sum += i, i++);
    printf("comma %d %d\n", i, sum);
    return 0;
}
