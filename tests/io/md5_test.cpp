#include <catch2/catch.hpp>

#include "io/md5.hpp"

using namespace lab;

TEST_CASE("MD5 matches RFC 1321's test suite") {
  REQUIRE(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  REQUIRE(md5_hex("a") == "0cc175b9c0f1b6a831c399e269772661");
  REQUIRE(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  REQUIRE(md5_hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  REQUIRE(md5_hex("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  REQUIRE(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
  Md5 split;  // updates in pieces give the same digest
  split.update("message ");
  split.update("digest");
  REQUIRE(split.hex_digest() == "f96b697d7cb7938d525a2f31aaf161d0");
}
