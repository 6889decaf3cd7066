package com.example.attach;

import com.sun.tools.attach.VirtualMachine;

import dev.poet.api.Poet;

/**
 * A running application that loads and uses a class, then attaches the agent to itself (as an operator would
 * with a tool): the already-loaded class must be retransformed and its method routed from then on.
 */
public class LateAttach {

    @Poet
    public static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("before " + square(3));
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(args[0], "");
        } finally {
            vm.detach();
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += square(i);
        }
        System.out.println("after " + sum);
    }
}
