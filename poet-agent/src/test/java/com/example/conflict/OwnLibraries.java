package com.example.conflict;

import java.util.Map;
import java.util.TreeMap;

import dev.poet.api.Poet;

/**
 * An application that brings its own (older) Jackson, ASM, Byte Buddy and SLF4J with a binding. It must see exactly
 * its own versions and its own logging whether or not the agent runs, and its enhanced method must work.
 */
public class OwnLibraries {

    @Poet
    public String describe(Map<String, Object> values) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new TreeMap<>(values));
    }

    private static String origin(String className) {
        try {
            Class<?> type = Class.forName(className);
            String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
            return className + " from " + location.substring(location.lastIndexOf('/') + 1);
        } catch (ClassNotFoundException e) {
            return className + " missing";
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(origin("com.fasterxml.jackson.databind.ObjectMapper"));
        System.out.println(origin("org.objectweb.asm.ClassReader"));
        System.out.println(origin("net.bytebuddy.ByteBuddy"));
        System.out.println(origin("org.slf4j.LoggerFactory"));
        System.out.println(origin("org.slf4j.impl.StaticLoggerBinder"));
        // The application's own SLF4J (1.7 with slf4j-simple, which writes to standard error): its factory and
        // its lines must be exactly the same with the agent as without it.
        System.out.println("slf4j factory " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
        org.slf4j.LoggerFactory.getLogger("com.example.conflict.app").info("application line through its own SLF4J");
        System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        System.out.println(new OwnLibraries().describe(Map.of("b", 2, "a", 1)));
    }
}
