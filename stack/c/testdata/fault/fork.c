// EXPECT 134 fork() is not supported in netplay
#include <unistd.h>
int main(void) {
    pid_t p = fork();
    return p;
}
