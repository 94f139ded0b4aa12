// EXPECT 137 step limit exceeded
int main(void) {
    for (;;);
}
