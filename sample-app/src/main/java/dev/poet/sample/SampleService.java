package dev.poet.sample;

public final class SampleService {
    public static void main(String[] args) {
        System.out.println("sample");
    }
}
