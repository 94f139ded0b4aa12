/* Types gcc refuses: bit-fields wider than their type or of width zero
   with a name; arrays larger than PTRDIFF_MAX bytes. */
struct s { int b:64; unsigned char c:9; int ok:32; int z:0; };
char big[1L << 62][4];
int main(void) {
	char (*p)[1L << 62][4] = 0;
	return sizeof(char[1L << 62][4]) + sizeof(int[1L << 61]) + (p != 0);
}
