package com.example;

/** Does not compile: the build fails after start, before stop. */
public class Broken {
  int missingSemicolon = 1
}
