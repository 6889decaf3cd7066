package com.example.hostile;

/** An application type: no sample of it can be synthesised, so its methods are verified on recorded calls. */
public class Order {

    private final String item;
    private int quantity;

    public Order(String item, int quantity) {
        this.item = item;
        this.quantity = quantity;
    }

    public String item() {
        return item;
    }

    public int quantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }
}
