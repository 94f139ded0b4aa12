#include <stdio.h>
int main(void) {
    int x = "s" * 2;
    struct nope n;
    return y;
}
